// Runs a real command (the Prisma CLI, a script, the server) from a test without blocking the
// test's event loop, so vitest's own time limit can still end a hung run.
import { execFile } from 'node:child_process'
import path from 'node:path'

export const projectRoot = path.resolve(import.meta.dirname, '..')

/**
 * A time limit for a test that drives a real CLI or server process. On an idle machine
 * `prisma migrate dev` takes ~5 s; with both cores busy (CI beside a build, other test
 * files) it has taken 48 s, and one test may run it several times. The limit is meant to
 * catch a hang, not to measure speed.
 */
export const CLI_TEST_TIMEOUT = 300_000

export type CommandResult = { code: number; stdout: string; stderr: string }

/** Runs a command to its end; never throws for a non-zero exit (the result carries the code). */
export function runCommand(command: string, args: string[], options: { env?: Record<string, string | undefined>; cwd?: string } = {}) {
	return new Promise<CommandResult>((resolve, reject) => {
		execFile(
			command,
			args,
			{ cwd: options.cwd ?? projectRoot, env: { ...process.env, ...options.env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
			(error, stdout, stderr) => {
				if (error && typeof error.code !== 'number') return reject(error)
				resolve({ code: error ? Number(error.code) : 0, stdout, stderr })
			},
		)
	})
}

/** Runs `npx prisma …` against one database; throws with the CLI's own output when it fails. */
export async function runPrisma(args: string[], databaseUrl: string) {
	const result = await runCommand('npx', ['prisma', ...args], { env: { DATABASE_URL: databaseUrl } })
	if (result.code !== 0) throw new Error(`prisma ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`)
	return result.stdout
}
