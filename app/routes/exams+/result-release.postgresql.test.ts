// Issue 8, item 3 through the routes on PostgreSQL: see tests/result-release-route-checks.ts.
import { test } from 'vitest'
import { checkResultReleaseRoutes } from '#tests/result-release-route-checks.ts'

test('result, exams home and round page carry no score before the round releases it, and do after the close; round statistics refuse a learner', async () => {
	await checkResultReleaseRoutes('postgresql')
})
