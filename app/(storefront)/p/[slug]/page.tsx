import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { AddToCart } from '@/components/storefront/add-to-cart';
import { ProductDetails } from '@/components/storefront/product-details';
import { serverCaller } from '@/server/api/rsc';
import { NotFoundError } from '@/server/errors';

export const dynamic = 'force-dynamic';

const loadProduct = cache(async (slug: string) => {
  try {
    return await (await serverCaller()).catalog.product({ slug });
  } catch (err) {
    if (err instanceof Error && err.cause instanceof NotFoundError) return null;
    throw err;
  }
});

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata(props: Props): Promise<Metadata> {
  const product = await loadProduct((await props.params).slug);
  return { title: product?.title ?? 'Product not found' };
}

export default async function ProductPage(props: Props) {
  const product = await loadProduct((await props.params).slug);
  if (!product) notFound();
  return <ProductDetails product={product} buy={<AddToCart variants={product.variants} />} />;
}
