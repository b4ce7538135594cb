// With a real server, migrate one template database per run; each test file clones it.
// The template's name is unique to this run, so concurrent runs on one server can't collide.
import pg from 'pg';
import { ulid } from 'ulid';
import { migrate } from './server/db/migrate';

export default async function setup() {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return;
  const template = `test_template_${ulid().toLowerCase()}`;
  // Workers start after global setup and inherit this.
  process.env.TEST_TEMPLATE_DB = template;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${template}"`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${template}`;
  const tpl = new pg.Client({ connectionString: u.toString() });
  await tpl.connect();
  await migrate(tpl);
  await tpl.end();
  return async () => {
    const a = new pg.Client({ connectionString: adminUrl });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await a.end();
  };
}
