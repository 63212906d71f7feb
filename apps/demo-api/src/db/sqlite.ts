import type BetterSqlite3 from "better-sqlite3";

/** An open demo database (better-sqlite3). Its own module, so what seeding imports never reaches `openDatabase`. */
export type Database = BetterSqlite3.Database;
