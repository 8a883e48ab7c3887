#!/usr/bin/env node
// Stand-in for Prisma's native schema-engine binary, which the CLI downloads from a host
// this network cannot reach. It speaks the same command line and JSON-RPC protocol, backed
// by the wasm build of the same engine and the project's driver adapters.
// See docs/decisions/002-prisma-schema-engine-stand-in.md for why and how to drop it.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import readline from 'node:readline'
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils'
import { openDatasource, runCliCommand } from './datasource.mjs'

const ENGINE_VERSION = '0edf323efd1d98336f3f0a68684b56f689b900d3'

function parseArgs(argv) {
	const args = { datamodels: [], datasource: null, cli: null }
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]
		if (arg === '--datamodels') args.datamodels.push(argv[++i])
		else if (arg === '--datasource') args.datasource = JSON.parse(argv[++i])
		else if (arg === '--enabled-preview-features' || arg === '--extension-types') i++
		else if (arg === 'cli') args.cli = argv[++i]
		else if (arg === '--version' || arg === '-V') args.version = true
	}
	return args
}

function logLine(level, message, errorCode) {
	const fields = { message }
	if (errorCode) fields.error_code = errorCode
	process.stderr.write(JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target: 'schema_engine::logger' }) + '\n')
}

async function loadWasm() {
	const bgUrl = import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg')
	const bg = await import(bgUrl)
	const wasmPath = join(dirname(fileURLToPath(bgUrl)), 'schema_engine_bg.wasm')
	let panicMessage = ''
	globalThis.PRISMA_WASM_PANIC_REGISTRY = {
		set_message(message) {
			panicMessage = message
		},
	}
	const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { './schema_engine_bg.js': bg })
	bg.__wbg_set_wasm(instance.exports)
	instance.exports.__wbindgen_start()
	return { bg, lastPanic: () => panicMessage }
}

function isMissingMigrationsTable(error) {
	const text = `${error?.message ?? ''} ${JSON.stringify(error ?? {})}`
	return text.includes('P1014') || text.includes('_prisma_migrations')
}

function needsShadowDiagnostic(error) {
	return `${error?.message ?? ''}`.toLowerCase().includes('shadow')
}

async function serveRpc(args) {
	const { bg, lastPanic } = await loadWasm()
	const datamodels = args.datamodels.length
		? args.datamodels.map((file) => [file, readFileSync(file, 'utf8')])
		: undefined
	const datasource = args.datasource ? await openDatasource(args.datasource) : null
	const factory = datasource ? bindMigrationAwareSqlAdapterFactory(datasource.factory) : undefined
	const engine = await bg.SchemaEngine.new({ datamodels }, (line) => process.stderr.write(`${line}\n`), factory)

	const send = (message) => process.stdout.write(JSON.stringify(message) + '\n')
	let printId = 1_000_000

	async function call(method, params) {
		switch (method) {
			case 'getDatabaseVersion':
				return engine.version(params)
			case 'createDatabase':
				await runCliCommand(args.datasource, 'create-database')
				return { databaseName: datasource?.databaseName ?? '' }
			case 'reset':
				if (datasource?.reset) return datasource.reset()
				return engine.reset(params)
			default:
				if (typeof engine[method] !== 'function') throw new Error(`未知的引擎方法 ${method}`)
				return withQuirkRetries(method, params)
		}
	}

	async function withQuirkRetries(method, params) {
		try {
			return await engine[method](params)
		} catch (error) {
			if (isMissingMigrationsTable(error) && method !== 'applyMigrations') {
				await engine.applyMigrations({
					migrationsList: { baseDir: params?.migrationsList?.baseDir ?? '.', lockfile: params?.migrationsList?.lockfile ?? { path: 'migration_lock.toml' }, migrationDirectories: [], shadowDbInitScript: '' },
					filters: { externalTables: [], externalEnums: [] },
				}).catch(() => {})
				return engine[method](params)
			}
			if (needsShadowDiagnostic(error) && params?.migrationsList) {
				await engine.devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters ?? { externalTables: [], externalEnums: [] } }).catch(() => {})
				return engine[method](params)
			}
			throw error
		}
	}

	function errorPayload(error) {
		const panic = lastPanic()
		const code = error?.error_code ?? error?.code ?? error?.meta?.error_code
		const message = error?.message ?? String(error)
		return {
			code: 4466,
			message: 'An error happened. Check the data field for details.',
			data: { is_panic: Boolean(panic), message: panic || message, error_code: typeof code === 'string' ? code : undefined, meta: error?.meta ?? {} },
		}
	}

	const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity })
	let queue = Promise.resolve()
	rl.on('line', (line) => {
		if (!line.trim()) return
		const message = JSON.parse(line)
		if (message.method === undefined) return // a reply to our own `print` request
		queue = queue.then(async () => {
			try {
				let result = (await call(message.method, message.params ?? {})) ?? null
				// The native engine hands diff output to the CLI as a `print` request, not in the result.
				if (message.method === 'diff' && typeof result?.stdout === 'string') {
					send({ jsonrpc: '2.0', id: printId++, method: 'print', params: { content: result.stdout } })
					result = { exitCode: result.exitCode }
				}
				send({ jsonrpc: '2.0', id: message.id, result })
			} catch (error) {
				send({ jsonrpc: '2.0', id: message.id, error: errorPayload(error) })
			}
		})
	})
	rl.on('close', () => {
		queue.finally(async () => {
			await datasource?.close?.()
			process.exit(0)
		})
	})
}

const args = parseArgs(process.argv.slice(2))
if (args.version) {
	process.stdout.write(`schema-engine-cli ${ENGINE_VERSION}\n`)
	process.exit(0)
}
if (args.cli) {
	// The CLI skips the first stderr line of a `cli` command (the native engine's banner).
	logLine('INFO', `Starting schema engine CLI command ${args.cli}`)
	try {
		await runCliCommand(args.datasource, args.cli)
		process.exit(0)
	} catch (error) {
		logLine('ERROR', error.message, error.code)
		process.exit(1)
	}
}
await serveRpc(args)
