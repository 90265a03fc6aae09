// Child process of `proposals query`: runs one statement on a read-only (mode=ro) connection and sends the
// result back. It is a process, not a worker thread, so that a runaway query can be killed: a thread busy
// inside SQLite cannot be stopped, and better-sqlite3 has no progress handler to interrupt it.
import Database from 'better-sqlite3';

/**
 * A row as it can cross to the parent (JSON over IPC) without changing: an integer beyond 2^53 as its digits (a
 * string) rather than a rounded number, a BLOB as an SQL hex literal (x'0102') rather than a Buffer's fields.
 */
function portable(row) {
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === 'bigint') row[k] = v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : String(v);
    else if (Buffer.isBuffer(v)) row[k] = `x'${v.toString('hex')}'`;
  }
  return row;
}

process.once('message', ({ dbPath, sql }) => {
  let reply;
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    try {
      const stmt = db.prepare(sql);
      if (!stmt.readonly) reply = { kind: 'refused' };
      else if (!stmt.reader) {
        stmt.run();
        reply = { kind: 'rows', columns: [], rows: [] };
      } else reply = { kind: 'rows', columns: stmt.columns().map((c) => c.name), rows: stmt.safeIntegers(true).all().map(portable) };
    } finally {
      db.close();
    }
  } catch (e) {
    // the file itself, rather than the statement: name it
    const ofFile = ['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CANTOPEN', 'SQLITE_IOERR'].some((c) => String(e.code ?? '').startsWith(c));
    reply = { kind: 'error', message: ofFile ? `database ${dbPath}: ${e.message} (${e.code})` : e.message };
  }
  process.send(reply, () => process.exit(0));
});
