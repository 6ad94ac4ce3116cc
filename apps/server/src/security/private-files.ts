import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Closed by default on disk (docs/decisions/0022-closed-by-default.md): the data directory is the server user's
 * alone (0700, its files 0600), and the personal-data key file is refused when anyone else could read or replace
 * it. POSIX only: on Windows the checks are skipped (ACLs there are the operator's to set).
 */

const POSIX = process.platform !== 'win32' && typeof process.getuid === 'function';

const octal = (mode: number) => `0${(mode & 0o777).toString(8).padStart(3, '0')}`;

function whoAmI(): string {
  const uid = process.getuid?.() ?? -1;
  try {
    return `${userInfo().username} (uid ${uid})`;
  } catch {
    return `uid ${uid}`;
  }
}

/** What a private file is, in both languages, for the messages (and what else to do once it is fixed). */
export interface PrivateFileLabel {
  zh: string;
  en: string;
  /** Advice after the fix, when others may already have read it. */
  thenZh?: string;
  thenEn?: string;
}

export const KEY_FILE_LABEL: PrivateFileLabel = {
  zh: '个人信息密钥文件',
  en: 'personal-data key file',
  thenZh: '（若他人可能已读取，请按 SECURITY.md 轮换密钥）',
  thenEn: ' (and rotate the keys as SECURITY.md says if others may have read it)',
};

/**
 * Why a file holding secrets may not be used — another user owns it, or its mode lets group or others in — in
 * Chinese and English with the command that fixes it; undefined when it is the server user's alone.
 */
export function privateFileProblem(
  path: string,
  label: PrivateFileLabel = KEY_FILE_LABEL,
): string | undefined {
  if (!POSIX) return undefined;
  const st = statSync(path);
  const uid = process.getuid?.() as number;
  if (!st.isFile())
    return `${label.zh} ${path} 不是普通文件。 The ${label.en} ${path} is not a regular file.`;
  if (st.uid !== uid)
    return (
      `${label.zh} ${path} 的属主是 uid ${st.uid}，不是运行服务器的用户 ${whoAmI()}：请执行 ` +
      `chown ${uid} ${path} && chmod 600 ${path}，或以文件属主的身份运行。 ` +
      `The ${label.en} ${path} is owned by uid ${st.uid}, not by the user running Crossgate, ` +
      `${whoAmI()}: run chown ${uid} ${path} && chmod 600 ${path}, or run Crossgate as the file's owner.`
    );
  if ((st.mode & 0o077) !== 0)
    return (
      `${label.zh} ${path} 的权限为 ${octal(st.mode)}，同组或其他用户可以访问：请执行 chmod 600 ${path} ` +
      `后重新启动${label.thenZh ?? ''}。 ` +
      `The ${label.en} ${path} has mode ${octal(st.mode)}, which lets group or other users at it: ` +
      `run chmod 600 ${path} and start again${label.thenEn ?? ''}.`
    );
  return undefined;
}

/** Throws privateFileProblem's message when the key file is not the server user's alone. */
export function assertPrivateKeyFile(path: string): void {
  const problem = privateFileProblem(path, KEY_FILE_LABEL);
  if (problem) throw new Error(problem);
}

/** Modes with group/other bits taken away, for what the server user owns under `dir` (links are not followed). */
function tighten(dir: string, uid: number): number {
  let changed = 0;
  const walk = (path: string) => {
    let st;
    try {
      st = lstatSync(path);
    } catch {
      return; // gone meanwhile
    }
    if (st.isSymbolicLink() || st.uid !== uid) return;
    if ((st.mode & 0o077) !== 0) {
      chmodSync(path, st.mode & 0o700);
      changed += 1;
    }
    if (st.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dir);
  return changed;
}

/**
 * Makes the data directory private: created 0700 when missing; when it exists, refused if another user owns it,
 * and its mode (and that of everything the server user owns inside it, an install from before decision 0022) is
 * tightened to the owner alone. Returns a notice for each thing it changed.
 */
export function securePrivateDirectory(dir: string): string[] {
  if (!POSIX) {
    mkdirSync(dir, { recursive: true });
    return [];
  }
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700); // the mode given to mkdir is masked by the umask; 0700 is what we mean
    return [];
  }
  const st = statSync(dir);
  if (!st.isDirectory())
    throw new Error(`数据目录 ${dir} 不是目录。 The data directory ${dir} is not a directory.`);
  const uid = process.getuid?.() as number;
  if (st.uid !== uid)
    throw new Error(
      `数据目录 ${dir} 的属主是 uid ${st.uid}，不是运行服务器的用户 ${whoAmI()}：请执行 chown -R ${uid} ${dir} && chmod 700 ${dir}，或以目录属主的身份运行服务器。 ` +
        `The data directory ${dir} is owned by uid ${st.uid}, not by the user running the server, ${whoAmI()}: run chown -R ${uid} ${dir} && chmod 700 ${dir}, or run the server as its owner.`,
    );
  const changed = tighten(dir, uid);
  return changed > 0
    ? [
        `数据目录 ${dir} 中 ${changed} 个文件或目录的权限已收紧为仅属主可访问 (0700/0600)。 Tightened ${changed} files and directories in the data directory ${dir} to owner-only (0700/0600).`,
      ]
    : [];
}

/**
 * An install from before decision 0022 kept its key file beside the data directory (`<data>/../keys/`). When the
 * key file is at neither place the configuration names, and the old default holds one, it is moved into the
 * private directory — after the same owner and mode check as any key file (an unsafe one is refused where it is,
 * so its owner fixes it and considers rotating before it moves). Returns what happened, for the start banner.
 */
export function adoptLegacyKeyFile(config: {
  piiKeyFile: string;
  legacyPiiKeyFile: string | undefined;
  piiKeys: string | undefined;
}): string[] {
  const legacy = config.legacyPiiKeyFile;
  if (config.piiKeys || !legacy || legacy === config.piiKeyFile || !existsSync(legacy)) return [];
  if (existsSync(config.piiKeyFile))
    return [
      `旧位置的个人信息密钥文件 ${legacy} 已不再使用（现用 ${config.piiKeyFile}）：确认两者相同后请删除旧文件。 ` +
        `The old personal-data key file ${legacy} is no longer used (the server reads ${config.piiKeyFile}): delete it once you have checked they are the same.`,
    ];
  assertPrivateKeyFile(legacy);
  mkdirSync(dirname(config.piiKeyFile), { recursive: true, mode: 0o700 });
  chmodSync(dirname(config.piiKeyFile), 0o700);
  try {
    renameSync(legacy, config.piiKeyFile);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && existsSync(config.piiKeyFile)) return []; // another process moved it first
    if (code !== 'EXDEV') throw error;
    copyFileSync(legacy, config.piiKeyFile);
    chmodSync(config.piiKeyFile, 0o600);
    unlinkSync(legacy);
  }
  try {
    rmdirSync(dirname(legacy)); // only when empty
  } catch {
    // other files remain there: leave the directory
  }
  return [
    `个人信息密钥文件已从 ${legacy} 移至 ${config.piiKeyFile}（数据目录内，仅属主可读）：请更新您对该文件的单独备份。 ` +
      `Moved the personal-data key file from ${legacy} to ${config.piiKeyFile} (inside the private data directory): update your separate backup of it.`,
  ];
}
