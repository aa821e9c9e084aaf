// npm run create-admin -- --username alice [--role admin|editor|viewer] [--clearance RED] [--reset]
// Creates an account (an admin unless --role says otherwise); with --reset, sets a new password
// on an existing one. The password comes from ATLAS_ADMIN_PASSWORD, else a hidden prompt on a
// terminal, else the first line of standard input; there is never a default password.
// With the local embedded Neo4j, stop the server first (one process owns the data folder).
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { SENSITIVITY } from '@atlas/seed';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../src/config.js';
import { hashPassword } from '../src/features/auth/passwords.js';
import { createUser, findUserByUsername, updateUser } from '../src/features/auth/repository.js';
import { NewPassword, Username } from '../src/features/auth/schema.js';
import { openGraphStore } from '../src/graphStore.js';
import { ROLES } from '../src/http/caller.js';

const Args = z.object({
  username: Username,
  role: z.enum(ROLES).default('admin'),
  clearance: z.enum(SENSITIVITY).default('RED'),
  reset: z.boolean().default(false),
});

async function readPassword(): Promise<string> {
  const fromEnv = process.env.ATLAS_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) return line;
    throw new Error('no password on standard input');
  }
  const first = await promptHidden('Password: ');
  const second = await promptHidden('Repeat the password: ');
  if (first !== second) throw new Error('the two passwords differ');
  return first;
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stdout.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          reject(new Error('cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      clearance: { type: 'string' },
      reset: { type: 'boolean' },
    },
  });
  const parsedArgs = Args.safeParse(values);
  if (!parsedArgs.success) {
    const lines = parsedArgs.error.issues.map((i) => `  --${i.path.join('.')}: ${i.message}`);
    throw new Error(
      `Usage: npm run create-admin -- --username NAME [--role admin|editor|viewer] [--clearance CLEAR|GREEN|AMBER|RED] [--reset]\n${lines.join('\n')}`,
    );
  }
  const args = parsedArgs.data;
  const password = NewPassword.safeParse(await readPassword());
  if (!password.success) throw new Error(`The password must have ${password.error.issues[0]?.message}.`);

  // Only the Neo4j settings matter here; the host check belongs to the server.
  const config = loadConfig({ ...process.env, ATLAS_HOST: '127.0.0.1' });
  const store = await openGraphStore(config);
  try {
    const passwordHash = await hashPassword(password.data);
    const existing = await findUserByUsername(store.db, args.username);
    if (existing && !args.reset) throw new Error(`There is already an account '${args.username}'; add --reset to set a new password.`);
    if (existing) {
      await updateUser(store.db, existing.id, { passwordHash, role: args.role, clearance: args.clearance, disabled: false });
      console.log(`Password reset for '${args.username}' (${args.role}, clearance ${args.clearance}).`);
    } else {
      await createUser(store.db, { username: args.username, passwordHash, role: args.role, clearance: args.clearance });
      console.log(`Created '${args.username}' (${args.role}, clearance ${args.clearance}). Sign in at /login after npm start.`);
    }
  } finally {
    await store.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
