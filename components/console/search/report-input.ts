/**
 * The window and size of the query reports. Shared by the server prefetch and the client
 * read, so it lives outside the 'use client' file (a server import of a client module's
 * export gets a client reference, not the value).
 */
export const REPORT_INPUT = { days: 30, limit: 50 };
