import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import { keepDisplayAwake, pickLanAddress, shareUrl, visitorToken } from '../../src-main/electron/exhibition-share';
import { parseTokens } from '../../src-main/host/tokens';

const nic = (address: string, internal = false): NetworkInterfaceInfo => ({ address, family: 'IPv4', internal, netmask: '255.255.255.0', mac: '00:00:00:00:00:00', cidr: null });

describe('exhibition sharing', () => {
  it('offers the stand network address to phones: private IPv4 first, never loopback', () => {
    expect(pickLanAddress({ lo: [nic('127.0.0.1', true)], eth0: [nic('169.254.3.4'), nic('203.0.113.9')], wlan0: [nic('192.168.8.23')] })).toBe('192.168.8.23');
    expect(pickLanAddress({ eth0: [nic('169.254.3.4'), nic('203.0.113.9')] })).toBe('203.0.113.9');
    expect(pickLanAddress({ lo: [nic('127.0.0.1', true)] })).toBeUndefined();
  });

  it('makes a fresh viewer token the host accepts, and a URL that carries it once', () => {
    const a = visitorToken();
    expect(a.role).toBe('viewer');
    expect(visitorToken().token).not.toBe(a.token);
    expect(parseTokens(`${a.token} viewer Exhibition visitor`)).toEqual([a]);
    expect(shareUrl('192.168.8.23', 5173, a)).toBe(`http://192.168.8.23:5173/?token=${a.token}`);
  });

  it('keeps the display awake only while a wall window shows', () => {
    expect(keepDisplayAwake(true, [{ visible: true, minimized: false }])).toBe(true);
    expect(keepDisplayAwake(true, [{ visible: true, minimized: true }, { visible: false, minimized: false }])).toBe(false);
    expect(keepDisplayAwake(false, [{ visible: true, minimized: false }])).toBe(false);
  });
});
