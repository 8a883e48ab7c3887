// No answer key, 解析 or marking rubric may ship in the browser bundle: the client build is
// scanned for every secret text of the seeded bank (runs after `npm test` has built the app).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { seedQuestionContents } from '#app/exams/seed-questions.ts'
import { expect, test } from './fixtures.ts'

const clientDir = path.resolve(import.meta.dirname, '../../build/client')

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((entry) => {
		const full = path.join(dir, entry)
		return statSync(full).isDirectory() ? files(full) : [full]
	})
}

test('the client bundle carries no 解析, rubric or written reference answer of the bank', () => {
	const secrets = seedQuestionContents().flatMap((q) => [
		q.explanation,
		q.rubric ?? '',
		typeof q.answerKey === 'string' && q.answerKey.length > 1 ? q.answerKey : '',
	])
	// Long enough to be unmistakable; short fragments could occur in ordinary UI text.
	const distinct = [...new Set(secrets.map((s) => s.trim().slice(0, 40)).filter((s) => s.length >= 16))]
	expect(distinct.length).toBeGreaterThan(100)
	const bundle = files(clientDir)
		.filter((f) => /\.(js|css|html|json)$/.test(f))
		.map((f) => ({ file: path.relative(clientDir, f), text: readFileSync(f, 'utf8') }))
	expect(bundle.length).toBeGreaterThan(5)
	const leaks = distinct.flatMap((secret) => bundle.filter(({ text }) => text.includes(secret)).map(({ file }) => `${file}: ${secret}`))
	expect(leaks).toEqual([])
})
