// What runs at server start and on `npm run content:sync`: git content into the database,
// bundles of every published lesson compiled ahead of the first learner, bundles of older
// compilers dropped, and the search index reconciled.
import type { Db } from '#app/utils/db-client.server.ts'
import { syncGitContent } from './git-sync.server.ts'
import { parseStoredImageUrls } from './images/image-refs.ts'
import { forgetLessonShells } from './lesson-shell.ts'
import { COMPILER_VERSION } from './mdx/compile.server.ts'
import { bundleKey, type LessonBundleCache, lessonBundles, pruneStaleBundles } from './mdx/bundle-cache.server.ts'
import { storedLessonBody } from './mdx/check-lesson.server.ts'
import { reconcileSearchIndex } from './search/search.ts'

/** Stores a bundle for each published lesson that has none for the current compiler yet. */
export async function warmPublishedBundles(db: Db, cache: LessonBundleCache = lessonBundles) {
	const versions = (
		await db.lessonVersion.findMany({
			where: { publishedOf: { isNot: null } },
			select: { bodyHash: true, source: true, imageUrls: true },
		})
	).map((version) => ({ ...version, imageUrls: parseStoredImageUrls(version.imageUrls) }))
	// A git lesson with images is stored under its body's hash and its image map's (bundleKey).
	const keyed = new Map(versions.map((version) => [bundleKey(version), version]))
	const compiled = await db.compiledLessonBundle.findMany({
		where: { compilerVersion: COMPILER_VERSION, bodyHash: { in: [...keyed.keys()] } },
		select: { bodyHash: true },
	})
	for (const bundle of compiled) keyed.delete(bundle.bodyHash)
	for (const { bodyHash, source, imageUrls } of keyed.values()) await cache.store(db, { bodyHash, imageUrls, body: () => storedLessonBody(source) })
	return keyed.size
}

export async function prepareCourseContent(db: Db, options: { root?: string; cache?: LessonBundleCache } = {}) {
	const sync = await syncGitContent(db, { root: options.root })
	forgetLessonShells(db)
	const prunedBundles = await pruneStaleBundles(db)
	const storedBundles = await warmPublishedBundles(db, options.cache)
	const search = await reconcileSearchIndex(db)
	return { ...sync, bundles: { pruned: prunedBundles, stored: storedBundles }, search }
}
