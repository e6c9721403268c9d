import { dirname, relative, resolve } from 'node:path';

/**
 * The layers of the code and what each may import (DESIGN.md, as VS Code's layer rules):
 * a layer is a folder; an import is checked by the folder of the file it resolves to.
 */
export const LAYERS = {
  'src-main/shared': [],
  'src-main/core': ['src-main/shared'],
  'src-main/sim': ['src-main/core', 'src-main/shared'],
  'src-main/host': ['src-main/core', 'src-main/sim', 'src-main/shared'],
  'src-main/electron': ['src-main/host', 'src-main/core', 'src-main/sim', 'src-main/shared'],
  'src-main/cli.ts': ['src-main/host', 'src-main/core', 'src-main/sim', 'src-main/shared'],
  'src-renderer': ['src-main/shared'],
};

function layerOf(path) {
  return Object.keys(LAYERS).find((layer) => path === layer || path.startsWith(`${layer}/`));
}

/** `linetwin/layers`: a relative import that reaches a layer its file's layer may not use. */
const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: "Each layer imports only the layers below it (see LAYERS)" },
    schema: [],
    messages: { forbidden: "{{from}} may not import {{to}} (allowed: {{allowed}}): '{{source}}'" },
  },
  create(context) {
    const file = relative(context.cwd, context.filename).split('\\').join('/');
    const from = layerOf(file);
    if (!from) return {};
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = relative(context.cwd, resolve(dirname(context.filename), source.value)).split('\\').join('/');
      const to = layerOf(target) ?? layerOf(`${target}.ts`);
      if (!to || to === from || LAYERS[from].includes(to)) return;
      context.report({ node: source, messageId: 'forbidden', data: { from, to, allowed: LAYERS[from].join(', ') || 'nothing of ours', source: source.value } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export const layersPlugin = { rules: { layers: layersRule } };
