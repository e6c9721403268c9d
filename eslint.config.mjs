import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layersPlugin } from './eslint-layers.mjs';

const noElectron = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'electron', message: 'Only src-main/electron may import electron: the engine, host, simulator and renderer must run without it.' }],
    patterns: [{ group: ['electron/*'], message: 'Only src-main/electron may import electron.' }],
  }],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src-main/core/**', 'src-main/host/**', 'src-main/sim/**', 'src-main/shared/**', 'src-renderer/**'],
    rules: noElectron,
  },
  {
    files: ['src-main/**', 'src-renderer/**'],
    plugins: { linetwin: layersPlugin },
    rules: { 'linetwin/layers': 'error' },
  },
  {
    files: ['bin/**', 'bench/**', '.ci/**', '*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', performance: 'readonly', Buffer: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' } },
  },
);
