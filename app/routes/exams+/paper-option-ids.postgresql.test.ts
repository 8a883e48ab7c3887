// Issue 8, item 1 through the routes on PostgreSQL: see tests/paper-route-checks.ts.
import { test } from 'vitest'
import { checkPaperRoutes } from '#tests/paper-route-checks.ts'

test('the test page names options by opaque ids; the save route refuses letters and foreign ids with 400 and maps its own ids to the right keys', async () => {
	await checkPaperRoutes('postgresql')
})
