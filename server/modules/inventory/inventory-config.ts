/** How long a placed order holds its stock while payment is pending (INVENTORY_RESERVATION_TTL_MINUTES, default 15). */
export function reservationTtlMs(env: NodeJS.ProcessEnv = process.env): number {
  const minutes = Number(env.INVENTORY_RESERVATION_TTL_MINUTES ?? 15);
  return (Number.isFinite(minutes) && minutes > 0 ? minutes : 15) * 60_000;
}
