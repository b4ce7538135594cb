// With a real server, migrate one template database per run; each test file clones it.
import pg from 'pg';
import { migrate } from './server/db/migrate';
import { TEMPLATE_DB } from './server/db/testing';

export default async function setup() {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${TEMPLATE_DB}"`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${TEMPLATE_DB}`;
  const tpl = new pg.Client({ connectionString: u.toString() });
  await tpl.connect();
  await migrate(tpl);
  await tpl.end();
}
