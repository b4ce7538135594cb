-- CreateEnum
CREATE TYPE "search_setting_status" AS ENUM ('draft', 'active', 'archived');

-- CreateEnum
CREATE TYPE "search_event_type" AS ENUM ('query', 'click', 'add_to_cart');

-- CreateTable
CREATE TABLE "search_documents" (
    "product_id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "title_norm" TEXT NOT NULL,
    "category_path" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "category" TEXT,
    "leaf_category" TEXT,
    "classes" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "facets" JSONB NOT NULL DEFAULT '{}',
    "price_cents" INTEGER NOT NULL,
    "rating_avg" DOUBLE PRECISION,
    "review_count" INTEGER NOT NULL DEFAULT 0,
    "in_stock" BOOLEAN NOT NULL,
    "popularity" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "document" tsvector NOT NULL,
    "product_created_at" TIMESTAMPTZ(3) NOT NULL,
    "indexed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "search_documents_pkey" PRIMARY KEY ("product_id")
);

-- CreateTable
CREATE TABLE "product_embeddings" (
    "product_id" TEXT NOT NULL,
    "embedder_id" TEXT NOT NULL,
    "embedder_version" TEXT NOT NULL,
    "dimension" INTEGER NOT NULL,
    "embedding" vector NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "product_embeddings_pkey" PRIMARY KEY ("product_id","embedder_id","embedder_version")
);

-- CreateTable
CREATE TABLE "embedder_artifacts" (
    "embedder_id" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "dimension" INTEGER NOT NULL,
    "artifact" BYTEA NOT NULL,
    "meta" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "embedder_artifacts_pkey" PRIMARY KEY ("embedder_id","version")
);

-- CreateTable
CREATE TABLE "search_ranking_versions" (
    "id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "status" "search_setting_status" NOT NULL DEFAULT 'draft',
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activated_at" TIMESTAMPTZ(3),

    CONSTRAINT "search_ranking_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "search_synonym_versions" (
    "id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "entries" JSONB NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "status" "search_setting_status" NOT NULL DEFAULT 'draft',
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activated_at" TIMESTAMPTZ(3),

    CONSTRAINT "search_synonym_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "search_events" (
    "id" TEXT NOT NULL,
    "type" "search_event_type" NOT NULL,
    "request_id" TEXT,
    "session_key" TEXT,
    "query" TEXT,
    "query_norm" TEXT,
    "product_id" TEXT,
    "position" INTEGER,
    "result_count" INTEGER,
    "zero_result" BOOLEAN NOT NULL DEFAULT false,
    "ranking_version" INTEGER,
    "strategy" TEXT,
    "impressions" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "search_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "search_documents_category_idx" ON "search_documents"("category");

-- CreateIndex
CREATE INDEX "product_embeddings_embedder_id_embedder_version_idx" ON "product_embeddings"("embedder_id", "embedder_version");

-- CreateIndex
CREATE UNIQUE INDEX "search_ranking_versions_version_key" ON "search_ranking_versions"("version");

-- CreateIndex
CREATE UNIQUE INDEX "search_synonym_versions_version_key" ON "search_synonym_versions"("version");

-- CreateIndex
CREATE INDEX "search_events_type_created_at_idx" ON "search_events"("type", "created_at");

-- CreateIndex
CREATE INDEX "search_events_query_norm_idx" ON "search_events"("query_norm");

-- Search indexes Prisma cannot express: full-text and trigram.
CREATE INDEX "search_documents_document_idx" ON "search_documents" USING GIN ("document");
CREATE INDEX "search_documents_title_trgm_idx" ON "search_documents" USING GIN ("title_norm" gin_trgm_ops);

-- AddForeignKey: a product's search rows go with it.
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "product_embeddings" ADD CONSTRAINT "product_embeddings_product_id_fkey" FOREIGN KEY ("product_id") REFERENCES "products"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- At most one active version of each setting.
CREATE UNIQUE INDEX "search_ranking_versions_one_active" ON "search_ranking_versions"("status") WHERE "status" = 'active';
CREATE UNIQUE INDEX "search_synonym_versions_one_active" ON "search_synonym_versions"("status") WHERE "status" = 'active';
