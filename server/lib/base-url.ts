/** The console's public address for links in mail (CONSOLE_BASE_URL; default the local port). */
export function consoleBaseUrl(env: Record<string, string | undefined> = process.env): string {
  return env.CONSOLE_BASE_URL?.trim() || `http://localhost:${env.PORT?.trim() || '3000'}`;
}
