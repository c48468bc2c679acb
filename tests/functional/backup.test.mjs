// `lumbung backup` and `lumbung restore` (src/ops/backup.h, docs/operations.md "Backups") through
// the real binary on the backend named by LUMBUNG_TEST_BACKEND: a backup taken while a server
// serves; the demo registry plus accounts, a training provider and a sealed signing key made
// through the command line, backed up, damaged, and restored, with EVERY table compared row by
// row against the original (tables listed from sqlite_master / information_schema, each table's
// rows as text in order); a restore over data without --force, a damaged file and a backup from
// a newer release each refused with the database unchanged; backups and new database files
// 0600 (ASVS 4.0.3 V8.1.6: backups of sensitive data protected); on PostgreSQL the password
// handed to pg_dump through its environment, never its command line (ASVS V2.10.4).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import * as h from './harness.mjs';
import * as id from './identity_support.mjs';

const backend = h.currentBackend();
const PG_BIN = '/usr/lib/postgresql/15/bin'; // the fixture cluster's version (postgres_cluster)

const mode = (file) => fs.statSync(file).mode & 0o777;

// Every table of `database` with its rows: {table: [row as text, ...]} in table-name order, the
// rows sorted by their text (one query on either backend).
async function snapshot(database) {
  let tables;
  if (database.backend === 'sqlite') {
    const columns = await id.sqlRows(database,
      "SELECT m.name AS tbl, p.name AS col FROM sqlite_master m JOIN pragma_table_info(m.name) p " +
      "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid");
    tables = new Map();
    for (const { tbl, col } of columns) tables.set(tbl, [...(tables.get(tbl) ?? []), col]);
  } else {
    const names = await id.sqlRows(database,
      "SELECT table_name AS tbl FROM information_schema.tables WHERE table_schema = current_schema() " +
      "AND table_type = 'BASE TABLE' ORDER BY table_name");
    tables = new Map(names.map(({ tbl }) => [tbl, null]));
  }
  const q = (name) => `"${name.replaceAll('"', '""')}"`;
  const parts = [...tables].map(([table, columns]) => {
    const literal = `'${table.replaceAll("'", "''")}'`;
    if (database.backend === 'sqlite') {
      const row = columns.map((c) => `quote(${q(c)})`).join(" || ',' || ");
      return `SELECT ${literal} AS tbl, (SELECT json_group_array(r) FROM ` +
             `(SELECT ${row} AS r FROM ${q(table)} ORDER BY r)) AS rows`;
    }
    return `SELECT ${literal} AS tbl, (SELECT coalesce(json_agg(r ORDER BY r), '[]'::json) FROM ` +
           `(SELECT x::text AS r FROM ${q(table)} x) s) AS rows`;
  });
  const result = {};
  for (const { tbl, rows } of await id.sqlRows(database, parts.join(' UNION ALL '))) {
    result[tbl] = typeof rows === 'string' ? JSON.parse(rows) : rows;
  }
  return Object.fromEntries(Object.keys(result).sort().map((t) => [t, result[t]]));
}

// The table list first, then every table on its own, so that a difference names its table.
function assertSameTables(actual, expected, what) {
  assert.deepEqual(Object.keys(actual), Object.keys(expected), `${what}: the same tables`);
  for (const table of Object.keys(expected)) {
    assert.equal(actual[table].length, expected[table].length, `${what}: rows in ${table}`);
    assert.deepEqual(actual[table], expected[table], `${what}: the rows of ${table}`);
  }
}

function cli(args, database) {
  return h.runLumbung(args, { env: h.databaseEnv(database), timeoutMs: 240_000 });
}

async function ok(args, database) {
  const result = await cli(args, database);
  assert.equal(result.code, 0, `lumbung ${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
  return result;
}

describe(`backup and restore (${backend})`, () => {
  let db;
  let dir;
  let original;
  let full;
  const others = [];

  before(async () => {
    dir = h.makeTempDir('lumbung-backup-');
    db = await h.createDatabase();
    await ok(['seed-demo', '--members', '200'], db);
    await ok(['user', 'add', '--role', 'staff', '--staff-roles', 'administrator,member_services',
              '--email', 'admin.cadangan@example.org', '--name', 'Admin Cadangan'], db);
    await ok(['user', 'add', '--role', 'employer_admin', '--employer', '1',
              '--email', 'hrd.cadangan@example.org', '--name', 'HRD Cadangan'], db);
    await ok(['training', 'add-provider', '--name', 'Balai Latihan Kerja Cadangan'], db);
    await ok(['credentials', 'rotate-key'], db);
    await ok(['maintenance', 'on', '--minutes', '30'], db);
    await ok(['maintenance', 'off'], db);
  });
  after(async () => {
    for (const other of others) await other.drop();
    await db?.drop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('--help describes both commands', async () => {
    const help = await h.runLumbung(['--help']);
    assert.match(help.stdout, /\bbackup\b/);
    assert.match(help.stdout, /\brestore\b/);
    const backup = await h.runLumbung(['backup', '--help']);
    assert.equal(backup.code, 0);
    assert.match(backup.stdout, /backup --to FILE/);
    const restore = await h.runLumbung(['restore', '--help']);
    assert.match(restore.stdout, /restore --from FILE \[--force\]/);
    const usage = await cli(['backup'], db);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--to FILE/);
  });

  test('a backup taken while the server serves is whole, checked and 0600', async () => {
    const server = await h.startServer({ database: db });
    try {
      const file = path.join(dir, 'online.bak');
      let done = false;
      let served = 0;
      const load = (async () => {
        while (!done) {
          const page = await h.request(server.baseUrl, '/');
          assert.equal(page.status, 200);
          served++;
        }
      })();
      const backup = await cli(['backup', '--to', file], db);
      done = true;
      await load;
      assert.equal(backup.code, 0, backup.stderr);
      assert.match(backup.stdout, /written to .*online\.bak .*schema version \d+, mode 0600/);
      assert.ok(served > 0, 'the server answered during the backup');
      assert.equal(mode(file), 0o600);
      assert.deepEqual(fs.readdirSync(dir), ['online.bak'], 'no partial file left beside it');
      if (backend === 'sqlite') {
        const check = await h.run('sqlite3', ['-readonly', file,
          'PRAGMA integrity_check; PRAGMA journal_mode; SELECT count(*) FROM members;']);
        assert.equal(check.stdout.trim(), 'ok\ndelete\n200', 'sound, standing alone, whole');
      } else {
        const list = await h.run(path.join(PG_BIN, 'pg_restore'), ['--list', file]);
        assert.equal(list.code, 0, list.stderr);
        assert.match(list.stdout, /TABLE DATA public members /);
      }
    } finally {
      await server.stop();
    }
  });

  test('a restore over data is refused without --force; damaged files are refused; ' +
       'then every table comes back row by row', async () => {
    original = await snapshot(db);
    for (const table of ['members', 'accounts', 'contributions', 'training_providers', 'audit_log',
                         'schema_migrations']) {
      assert.ok(original[table]?.length > 0, `${table} has rows to compare`);
    }
    assert.equal(original.members.length, 200);

    full = path.join(dir, 'full.bak');
    await ok(['backup', '--to', full], db);
    assert.equal(mode(full), 0o600);

    // The database damaged: a member renamed, contributions gone, an account gone, a new table.
    await id.sqlExec(db, "UPDATE members SET full_name = 'Nama Tertimpa' WHERE id <= 10");
    await id.sqlExec(db, 'DELETE FROM contributions WHERE period < 202001');
    await id.sqlExec(db, "DELETE FROM staff_roles WHERE account_id IN " +
                         "(SELECT id FROM accounts WHERE email = 'admin.cadangan@example.org')");
    await id.sqlExec(db, 'CREATE TABLE leftover_notes (note TEXT)');
    await id.sqlExec(db, "INSERT INTO leftover_notes (note) VALUES ('tidak ada di cadangan')");
    const damaged = await snapshot(db);
    assert.notDeepEqual(damaged, original, 'the comparison sees the damage');

    const refused = await cli(['restore', '--from', full], db);
    assert.equal(refused.code, 1, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /holds data: \d+ row\(s\) in \d+ table\(s\).*--force/);
    assertSameTables(await snapshot(db), damaged, 'after the refused restore');

    const bytes = fs.readFileSync(full);
    const broken = {
      'garbage.bak': Buffer.from('this is not a backup\n'.repeat(200)),
      'cut.bak': bytes.subarray(0, bytes.length - 4096),
      'scribbled.bak': Buffer.from(bytes).fill(0x41, Math.floor(bytes.length / 2),
                                               Math.floor(bytes.length / 2) + 8192),
    };
    for (const [name, content] of Object.entries(broken)) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content, { mode: 0o600 });
      const result = await cli(['restore', '--from', file, '--force'], db);
      assert.equal(result.code, 1, `${name} is refused\n${result.stdout}\n${result.stderr}`);
      assert.match(result.stderr, /lumbung restore: /);
      assertSameTables(await snapshot(db), damaged, `after ${name}`);
    }

    const restored = await cli(['restore', '--from', full, '--force'], db);
    assert.equal(restored.code, 0, restored.stdout + restored.stderr);
    assert.match(restored.stderr, /replacing what .* holds data/);
    assert.match(restored.stderr, /^ {2}members: 200$/m, 'says what it replaces');
    assert.match(restored.stdout, /restored from .*full\.bak \(backup at schema version (\d+), 0 migration\(s\) applied since, now at version \1\)/);
    assertSameTables(await snapshot(db), original, 'after the restore');
  });

  test('a restore into a new, empty database needs no --force and gives every table back', async () => {
    assert.ok(full, 'the round trip made the backup');
    const fresh = await h.createDatabase();
    others.push(fresh);
    await ok(['restore', '--from', full], fresh);
    if (backend === 'sqlite') {
      assert.equal(mode(fresh.url.replace(/^sqlite:/, '')), 0o600, 'the new database file is 0600');
    }
    assertSameTables(await snapshot(fresh), original, 'the new database');
  });

  test('a backup from a newer release is refused and changes nothing', async () => {
    assert.ok(full, 'the round trip made the backup');
    const newer = await h.createDatabase();
    others.push(newer);
    await ok(['restore', '--from', full], newer);
    await id.sqlExec(newer, "INSERT INTO schema_migrations (version, name, applied_at) " +
                            "VALUES (9999, 'from_the_future', '2031-01-01 00:00:00')");
    const file = path.join(dir, 'newer.bak');
    await ok(['backup', '--to', file], newer);
    const result = await cli(['restore', '--from', file, '--force'], db);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stderr, /comes from a newer release of Lumbung: its schema has migration\(s\) 9999, and this binary knows migrations up to \d+/);
    assertSameTables(await snapshot(db), original, 'after the refusal');
  });

  test('pg_dump gets the password through its environment, never its command line', {
    skip: backend !== 'postgresql' && 'PostgreSQL only',
  }, async () => {
    // A stand-in pg_dump that records what it was given and fails.
    const bin = path.join(dir, 'fake-bin');
    fs.mkdirSync(bin);
    const script = path.join(bin, 'pg_dump');
    fs.writeFileSync(script, '#!/bin/sh\nprintf "%s\\n" "$@" > "$(dirname "$0")/args"\n' +
                             'printf "%s" "$PGPASSWORD" > "$(dirname "$0")/password"\nexit 3\n',
                     { mode: 0o700 });
    const file = path.join(dir, 'never.bak');
    const result = await cli(['backup', '--to', file, '--pg-bindir', bin], db);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /pg_dump failed \(exit status 3\)/);
    const password = decodeURIComponent(new URL(db.url).password);
    assert.ok(password.length > 0);
    assert.equal(fs.readFileSync(path.join(bin, 'password'), 'utf8'), password);
    const args = fs.readFileSync(path.join(bin, 'args'), 'utf8');
    assert.match(args, /^--format=custom$/m);
    assert.ok(!args.includes(password), 'the password is not among the arguments');
    assert.ok(!fs.existsSync(file), 'nothing written under the backup name');
    assert.deepEqual(fs.readdirSync(dir).filter((n) => n.includes('partial')), [], 'no partial file left');
  });
});
