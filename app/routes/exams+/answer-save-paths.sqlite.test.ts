// The answer save through the route and through the lean endpoint ahead of Remix (ADR 073) on
// SQLite: see tests/save-path-checks.ts.
import { test } from 'vitest'
import { checkSavePaths } from '#tests/save-path-checks.ts'

test('a save answers the same on the route and on the lean endpoint: applied, stale, refusals in Chinese, 404, 413, sign-in and password redirects, closed', async () => {
	await checkSavePaths('sqlite')
})
