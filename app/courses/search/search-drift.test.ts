// The search index lives beside Prisma's tables (ADR 011). This proves `prisma migrate dev`
// does not read it as drift and offer to reset the database: run twice, after the index
// exists, against each provider.
import { describe, expect, test } from 'vitest'
import { CLI_TEST_TIMEOUT, runPrisma } from '#tests/cli.ts'
import { getTestDbWithUrl, PROVIDERS } from '#tests/db-utils.ts'
import { syncGitContent } from '../git-sync.server.ts'
import { reconcileSearchIndex } from './search.ts'
import { searchStoreFor } from './search-store.server.ts'

describe.each(PROVIDERS)('search index and prisma migrate dev [%s]', (provider) => {
	test('migrate dev twice after the index exists: in sync both times, index intact', { timeout: CLI_TEST_TIMEOUT }, async () => {
		const { db, url } = await getTestDbWithUrl(provider)
		await syncGitContent(db)
		await reconcileSearchIndex(db)
		const store = await searchStoreFor(db)
		const entries = (await store.listKeys()).length
		expect(entries).toBe(34)
		for (let run = 0; run < 2; run++) {
			const output = await runPrisma(['migrate', 'dev'], url)
			expect(output).toContain('Already in sync')
			expect(output).not.toMatch(/drift|reset/i)
		}
		expect((await store.listKeys()).length).toBe(entries)
		expect(await db.course.count()).toBe(4)
	})
})
