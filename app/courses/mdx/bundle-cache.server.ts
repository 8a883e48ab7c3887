// Compiled lessons (the stored HTML tree, ADR 015), keyed by the hash of the compiled body
// and the compiler version: a bounded in-memory LRU in front of the CompiledLessonBundle
// table, so a body compiles once per compiler version and a page view of a cached lesson
// never compiles. When image references are rewritten (`imageUrls`), the map is part of the
// key: the stored row's bodyHash is `<bodyHash>+<first 16 hex of sha256 of the sorted map>`.
import { createHash } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import type { DbOrTx } from '#app/utils/db-client.server.ts'
import { parseStoredImageUrls } from '../images/image-refs.ts'
import { COMPILER_VERSION, compileLessonBody } from './compile.server.ts'

export type BundleSource = {
	bodyHash: string
	body: () => string | Promise<string>
	/** Image references as written → the URLs they are served from; part of the cache key. */
	imageUrls?: Record<string, string>
}

/** The key a compiled tree is stored under: the body's hash, plus the image map's when there is one. */
export function bundleKey({ bodyHash, imageUrls }: Pick<BundleSource, 'bodyHash' | 'imageUrls'>) {
	const entries = Object.entries(imageUrls ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
	if (entries.length === 0) return bodyHash
	return `${bodyHash}+${createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 16)}`
}

export class LessonBundleCache {
	private readonly memory: LRUCache<string, string>
	private readonly pending = new Map<string, Promise<string>>()
	readonly stats = { memoryHits: 0, storeHits: 0, compiles: 0 }

	constructor({ maxBytes = 32 * 1024 * 1024 }: { maxBytes?: number } = {}) {
		this.memory = new LRUCache<string, string>({ maxSize: maxBytes, sizeCalculation: (code) => code.length * 2 })
	}

	/** The bundle's code; `body` is read only when nothing is cached. */
	async code(db: DbOrTx, source: BundleSource): Promise<string> {
		const bodyHash = bundleKey(source)
		const key = `${bodyHash}@${COMPILER_VERSION}`
		const remembered = this.memory.get(key)
		if (remembered !== undefined) {
			this.stats.memoryHits += 1
			return remembered
		}
		let pending = this.pending.get(key)
		if (!pending) {
			pending = this.load(db, bodyHash, source).finally(() => this.pending.delete(key))
			this.pending.set(key, pending)
		}
		const code = await pending
		this.memory.set(key, code)
		return code
	}

	/** Makes sure the table holds the bundle, compiling only when neither memory nor table has it. */
	async store(db: DbOrTx, source: BundleSource) {
		const remembered = this.memory.get(`${bundleKey(source)}@${COMPILER_VERSION}`)
		if (remembered === undefined) await this.code(db, source)
		else await this.persist(db, bundleKey(source), remembered)
	}

	private persist(db: DbOrTx, bodyHash: string, code: string) {
		return db.compiledLessonBundle.upsert({
			where: { bodyHash_compilerVersion: { bodyHash, compilerVersion: COMPILER_VERSION } },
			create: { bodyHash, compilerVersion: COMPILER_VERSION, code },
			update: {},
		})
	}

	private async load(db: DbOrTx, bodyHash: string, { body, imageUrls }: BundleSource) {
		const stored = await db.compiledLessonBundle.findUnique({
			where: { bodyHash_compilerVersion: { bodyHash, compilerVersion: COMPILER_VERSION } },
			select: { code: true },
		})
		if (stored) {
			this.stats.storeHits += 1
			return stored.code
		}
		const code = await compileLessonBody(await body(), undefined, imageUrls ? { imageUrls } : {})
		this.stats.compiles += 1
		await this.persist(db, bodyHash, code)
		return code
	}

	forgetInMemory() {
		this.memory.clear()
	}
}

/** The app's cache; tests build their own so each database starts cold. */
export const lessonBundles = new LessonBundleCache()

/** A previewed body nobody saved is kept this long, then dropped. */
export const UNSAVED_BUNDLE_TTL_MS = 24 * 60 * 60 * 1000

/** Drops bundles of older compilers and bundles of previews that were never saved as a version. */
export async function pruneStaleBundles(db: DbOrTx, now = new Date()) {
	// A version with an image map (ADR 016) keeps the bundle stored under bundleKey.
	const saved = await db.lessonVersion.findMany({ distinct: ['bodyHash', 'imageUrls'], select: { bodyHash: true, imageUrls: true } })
	const keys = saved.map((version) => bundleKey({ bodyHash: version.bodyHash, imageUrls: parseStoredImageUrls(version.imageUrls) }))
	const { count } = await db.compiledLessonBundle.deleteMany({
		where: {
			OR: [
				{ compilerVersion: { not: COMPILER_VERSION } },
				{ bodyHash: { notIn: keys }, createdAt: { lt: new Date(now.getTime() - UNSAVED_BUNDLE_TTL_MS) } },
			],
		},
	})
	return count
}
