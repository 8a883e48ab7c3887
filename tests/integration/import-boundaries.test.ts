// The one-way dependency rule (docs/conventions.md, eslint.config.js) really fires: ESLint's Node
// API lints small sources as if they sat in each zone, with the project's own config.
import { ESLint } from 'eslint'
import { expect, test } from 'vitest'

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname })

async function restricted(filePath: string, source: string) {
	const [result] = await eslint.lintText(source, { filePath })
	return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

const use = (from: string) => `import { x } from '${from}'\nexport const y = x\n`

test('a domain module may not import components or routes, with #app or relative paths', async () => {
	expect(await restricted('app/courses/x.ts', use('#app/components/personal-island.tsx'))).toEqual([expect.stringContaining('不得引用界面')])
	expect(await restricted('app/courses/mdx/x.ts', use('../../components/mdx/lesson-content.tsx'))).toHaveLength(1)
	expect(await restricted('app/exams/attempts/x.ts', use('#app/routes/admin+/__run-import.ts'))).toHaveLength(1)
	expect(await restricted('app/utils/x.ts', use('#app/components/forms.tsx'))).toHaveLength(1)
})

test('a lower layer may not import a higher one; the higher may import the lower', async () => {
	expect(await restricted('app/exams/stats/x.ts', use('#app/rankings/ordering.ts'))).toEqual([expect.stringContaining('不得引用上层领域')])
	expect(await restricted('app/admin/import/x.ts', use('#app/mentorship/pairing-import.ts'))).toHaveLength(1)
	expect(await restricted('app/utils/x.ts', use('#app/exams/grading/objective.ts'))).toHaveLength(1)
	expect(await restricted('app/rankings/x.ts', use('#app/exams/grading/objective.ts'))).toEqual([])
	expect(await restricted('app/mentorship/x.ts', use('#app/admin/users.ts'))).toEqual([])
	expect(await restricted('app/courses/x.ts', use('#app/admin/unit-kinds.ts'))).toEqual([])
})

test('inside exams: attempts -> rounds -> timing, never back', async () => {
	expect(await restricted('app/exams/rounds/x.ts', use('#app/exams/attempts/deadline.ts'))).toHaveLength(1)
	expect(await restricted('app/exams/rounds/x.ts', use('../attempts/start-attempt.ts'))).toHaveLength(1)
	expect(await restricted('app/exams/timing/x.ts', use('#app/exams/rounds/draw.ts'))).toHaveLength(1)
	expect(await restricted('app/exams/attempts/x.ts', use('#app/exams/rounds/draw.ts'))).toEqual([])
	expect(await restricted('app/exams/rounds/x.ts', use('#app/exams/timing/china-time.ts'))).toEqual([])
})

test('tests may reach across layers, components may not import routes, a route folder\'s __ files are its own, and the PrismaClient rule still holds', async () => {
	expect(await restricted('app/courses/x.test.ts', use('#app/components/personal-island.tsx'))).toEqual([])
	expect(await restricted('app/components/x.tsx', use('#app/routes/admin+/__notice.tsx'))).toHaveLength(1)
	expect(await restricted('app/routes/bank+/x.tsx', use('#app/routes/admin+/__notice.tsx'))).toEqual([expect.stringContaining('`__` 文件只属于')])
	expect(await restricted('app/routes/grading+/x.tsx', use('../bank+/__bank-parts.tsx'))).toHaveLength(1)
	expect(await restricted('app/routes/bank+/x.tsx', use('./__bank-parts.tsx'))).toEqual([])
	expect(await restricted('app/exams/x.ts', `import { PrismaClient } from '#app/generated/prisma/sqlite/client.ts'\nexport const y = PrismaClient\n`)).toEqual([
		expect.stringContaining('createDb'),
	])
})
