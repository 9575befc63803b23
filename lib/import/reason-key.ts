/**
 * A rejection reason with its values taken out, so rows rejected for the same reason group together in the report:
 * quoted text becomes "…", numbers become #. Codes written bare (a currency such as XYZ) stay, so each gets a group.
 * @example reasonKey('unknown customer_id "C-1042": no such customer') // 'unknown customer_id "…": no such customer'
 */
export function reasonKey(reason: string): string {
  return reason
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d+([.,]\d+)*/g, '#')
    .slice(0, 300);
}
