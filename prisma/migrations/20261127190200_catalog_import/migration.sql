-- Catalog import (server/modules/catalog/import): uploaded files, their valid rows, and the
-- content hash last imported per SKU (idempotent re-imports).

-- CreateEnum
CREATE TYPE "catalog_import_status" AS ENUM ('queued', 'running', 'completed', 'failed');

-- CreateTable
CREATE TABLE "catalog_imports" (
    "id" TEXT NOT NULL,
    "status" "catalog_import_status" NOT NULL DEFAULT 'queued',
    "format" TEXT NOT NULL,
    "file_name" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL,
    "requested_by" TEXT,
    "total" INTEGER NOT NULL,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "flagged" INTEGER NOT NULL DEFAULT 0,
    "report" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "catalog_imports_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "catalog_import_rows" (
    "import_id" TEXT NOT NULL,
    "row_number" INTEGER NOT NULL,
    "chunk" INTEGER NOT NULL,
    "sku" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "content_hash" TEXT NOT NULL,
    "flags" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "outcome" TEXT,
    "product_id" TEXT,

    CONSTRAINT "catalog_import_rows_pkey" PRIMARY KEY ("import_id","row_number")
);

-- CreateTable
CREATE TABLE "catalog_imported_skus" (
    "sku" TEXT NOT NULL,
    "product_id" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "import_id" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "catalog_imported_skus_pkey" PRIMARY KEY ("sku")
);

-- CreateIndex
CREATE INDEX "catalog_imports_created_at_idx" ON "catalog_imports"("created_at");

-- CreateIndex
CREATE INDEX "catalog_import_rows_import_id_chunk_idx" ON "catalog_import_rows"("import_id", "chunk");

-- CreateIndex
CREATE INDEX "catalog_imported_skus_product_id_idx" ON "catalog_imported_skus"("product_id");

-- AddForeignKey
ALTER TABLE "catalog_import_rows" ADD CONSTRAINT "catalog_import_rows_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "catalog_imports"("id") ON DELETE CASCADE ON UPDATE CASCADE;
