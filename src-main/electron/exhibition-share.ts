import { randomBytes } from 'node:crypto';
import type { NetworkInterfaceInfo } from 'node:os';
import type { AccessToken } from '../host/tokens';

/** Private IPv4 ranges (RFC 1918): the exhibition's own Wi-Fi, where the visitors' phones are. */
function isPrivateV4(address: string): boolean {
  const [a, b] = address.split('.').map(Number) as [number, number];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/**
 * The address phones can reach: an external IPv4 address, a private one first (the stand's
 * router), link-local last. None (no network, as at many stands): no overlay.
 */
export function pickLanAddress(interfaces: Record<string, NetworkInterfaceInfo[] | undefined>): string | undefined {
  const v4 = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((i) => i.family === 'IPv4' && !i.internal)
    .map((i) => i.address);
  return v4.find(isPrivateV4) ?? v4.find((a) => !a.startsWith('169.254.')) ?? v4[0];
}

/** A fresh viewer token for this exhibition session: visitors watch, nobody acts through it. */
export function visitorToken(): AccessToken {
  return { token: randomBytes(24).toString('base64url'), role: 'viewer', name: 'Exhibition visitor' };
}

/** The address in the QR code; the host swaps the token for a cookie on the first visit. */
export function shareUrl(address: string, port: number, token: AccessToken): string {
  return `http://${address}:${port}/?token=${encodeURIComponent(token.token)}`;
}

export interface PowerSaveWindow {
  visible: boolean;
  minimized: boolean;
}

/**
 * Whether the display must be kept awake: a wall (walls, kiosk or exhibition mode) showing on
 * some screen. A desk window alone lets the PC's own power settings apply.
 */
export function keepDisplayAwake(wallMode: boolean, windows: readonly PowerSaveWindow[]): boolean {
  return wallMode && windows.some((w) => w.visible && !w.minimized);
}
