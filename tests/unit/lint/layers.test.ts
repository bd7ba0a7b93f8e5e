import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rule is only worth having if it fails: lint made-up files placed in each layer.
const eslint = new ESLint();

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message);
}

describe('the layer rule', () => {
  it('rejects crypto importing a layer above it', async () => {
    const ids = await ruleIds(
      'src/lib/crypto/probe.ts',
      "import { AppUpdate } from '$lib/state/appUpdate.svelte';\nexport const probe = AppUpdate;\n",
    );
    expect(ids).toContain('import-x/no-restricted-paths');
  });

  it('rejects the workspace domain importing state', async () => {
    const ids = await ruleIds(
      'src/lib/workspace/probe.ts',
      "import { AppUpdate } from '../state/appUpdate.svelte';\nexport const probe = AppUpdate;\n",
    );
    expect(ids).toContain('import-x/no-restricted-paths');
  });

  it('allows ui to import state', async () => {
    const ids = await ruleIds(
      'src/lib/ui/probe.ts',
      "import { AppUpdate } from '$lib/state/appUpdate.svelte';\nexport const probe = AppUpdate;\n",
    );
    expect(ids).toEqual([]);
  });

  it('keeps Dexie in store and libsodium in crypto', async () => {
    expect(
      await ruleIds(
        'src/lib/ui/probe.ts',
        "import Dexie from 'dexie';\nexport const probe = Dexie;\n",
      ),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIds(
        'src/lib/sync/probe.ts',
        "import sodium from 'libsodium-wrappers-sumo';\nexport const probe = sodium;\n",
      ),
    ).toContain('no-restricted-imports');
  });
});
