import type { Command } from 'commander';
import {
  addPersonalDataKey,
  loadConfig,
  personalDataStatus,
  rotatePersonalDataKeys,
} from '@crossgate/server/ops';
import { progressReporter } from './progress.ts';

type Runner = <A extends unknown[]>(fn: (...args: A) => Promise<void>) => (...args: A) => void;

/**
 * `crossgate pii …`: the keys that seal personal data at rest (SECURITY.md, decision 0017). Rotation is
 * `new-key`, restart the servers, `rotate`; then the retired key can be removed from the key file.
 */
export function registerPiiCommands(program: Command, run: Runner): void {
  const pii = program
    .command('pii')
    .description('个人信息加密密钥 personal-data keys: status, new key, rotation (see SECURITY.md)');
  pii
    .command('status')
    .description('the keyring in use and how many values each key seals in this database')
    .action(
      run(async () => {
        const s = await personalDataStatus(loadConfig());
        process.stdout.write(`密钥来源 key source: ${s.keySource}\n当前密钥 active key: ${s.active}\n`);
        for (const k of s.keys)
          process.stdout.write(
            `  ${k.keyId.padEnd(6)} ${k.purpose.padEnd(5)} ${k.inKeyring ? 'in keyring' : 'MISSING   '} ${
              k.retiredAt ? `retired ${k.retiredAt}` : 'live'
            }  sealed values ${k.values}\n`,
          );
        process.stdout.write(`未加密 values in clear: ${s.clearValues}\n`);
      }),
    );
  pii
    .command('new-key')
    .description(
      'add a sealing key to the key file and make it active (then restart servers and run `pii rotate`)',
    )
    .action(
      run(async () => {
        const r = addPersonalDataKey(loadConfig());
        process.stdout.write(
          `新密钥 new active key ${r.keyId} written to ${r.file}\nNext: restart every server process, then run \`crossgate pii rotate\`.\n`,
        );
      }),
    );
  pii
    .command('rotate')
    .description('re-seal every personal value under the active key; retire keys nothing uses any more')
    .action(
      run(async () => {
        const progress = progressReporter();
        const r = await rotatePersonalDataKeys(loadConfig(), progress.report);
        progress.finish();
        process.stdout.write(
          `重新加密 re-sealed: ${r.documents} documents, ${r.messages} raw messages; re-keyed ${r.personKeys} buyer lookup keys\n` +
            (r.retired.length > 0
              ? `已停用 retired: ${r.retired.join(', ')} — nothing is sealed with them any more; you may remove them from the key file\n`
              : '') +
            (r.unmappedPersons > 0
              ? `注意 ${r.unmappedPersons} negative-list persons keep an unkeyed lookup key: list them again by ID number\n`
              : ''),
        );
        process.stdout.write(`${JSON.stringify(r)}\n`);
      }),
    );
}
