import type { McapTypes } from '@mcap/core';

type Decompress = (data: Uint8Array, size: number) => Uint8Array;

/** The WASM builds the Foxglove MCAP tools use: no native module, nothing downloaded at install. */
const PACKAGES: Record<'zstd' | 'lz4', string> = { zstd: '@foxglove/wasm-zstd', lz4: '@foxglove/wasm-lz4' };

interface WasmCodec {
  isLoaded: Promise<boolean>;
}

function decompressorOf(loaded: unknown): Decompress | undefined {
  for (const m of [loaded, (loaded as { default?: unknown } | null)?.default]) {
    if (typeof m === 'function') return m as Decompress;
    const fn = (m as { decompress?: unknown } | null)?.decompress;
    if (typeof fn === 'function') return fn as Decompress;
  }
  return undefined;
}

/**
 * Decompressors for the chunk compressions the recorder may use, from the packages installed
 * (looked up at run time; a recording written without compression needs none). A chunk in a
 * compression with no handler is refused by the reader with its name.
 */
export async function loadChunkDecompressors(load: (name: string) => Promise<unknown> = (name) => import(/* @vite-ignore */ name)): Promise<McapTypes.DecompressHandlers> {
  const handlers: McapTypes.DecompressHandlers = {};
  for (const [compression, pkg] of Object.entries(PACKAGES)) {
    try {
      const loaded = await load(pkg);
      const fn = decompressorOf(loaded);
      if (!fn) continue;
      const ready = (loaded as Partial<WasmCodec>).isLoaded ?? (loaded as { default?: Partial<WasmCodec> }).default?.isLoaded;
      if (ready instanceof Promise) await ready;
      handlers[compression] = (data, size) => fn(data, Number(size));
    } catch {
      // Not installed: recordings in this compression are refused with the reason.
    }
  }
  return handlers;
}
