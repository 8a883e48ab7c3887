// Opaque option ids for a paper being sat (ADR 037). The browser never sees a bank key letter:
// each option on a paper is named by HMAC(server secret, attempt, position, key), and the save
// path maps an id back to its key by recomputing the (at most 8) ids of that position. No read
// of the paper is needed, so a save stays one guarded statement (ADR 031); an id from another
// attempt, another question or a made-up string maps to nothing and the save is refused.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { ESSAY_TYPES, OPTION_KEYS, type QuestionType } from '#app/exams/bank/question-types.ts'
// The settings reader itself, not env.server.ts: reading the secrets on first use keeps this
// module free of import-time settings, so tests can point DATABASE_URL elsewhere before the
// app's client is built.
import { readServerEnv } from '../../../server/env.mjs'
import type { AnswerValue } from './save-answer.server.ts'

/** "o" + 16 base64url characters (96 bits): short enough for the page, far too many to guess. */
const ID_PATTERN = /^o[A-Za-z0-9_-]{16}$/

// A subkey per session secret, so an option id is never a signature over anything else the
// secret signs. The first secret names options; every listed one still reads them, so a page
// opened before a secret rotation keeps saving.
let subkeyCache: Buffer[] | undefined
function subkeys() {
	subkeyCache ??= readServerEnv().sessionSecrets.map((secret: string) => createHmac('sha256', secret).update('hongshen:exam-option-ids:v1').digest())
	return subkeyCache
}

function idWith(subkey: Buffer, attemptId: string, position: number, key: string) {
	return `o${createHmac('sha256', subkey).update(`${attemptId}\n${position}\n${key}`).digest('base64url').slice(0, 16)}`
}

/** The id the learner's page uses for one option of one question of one attempt. */
export function optionIdFor(attemptId: string, position: number, key: string) {
	return idWith(subkeys()[0]!, attemptId, position, key)
}

function sameId(a: string, b: string) {
	return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))
}

/** Every id this position could have issued, by key; computed once per save. */
function idTable(attemptId: string, position: number) {
	return subkeys().flatMap((subkey) => OPTION_KEYS.map((key) => ({ key, id: idWith(subkey, attemptId, position, key) })))
}

function keyOf(table: readonly { key: string; id: string }[], candidate: string) {
	if (!ID_PATTERN.test(candidate)) return null
	return table.find((row) => sameId(row.id, candidate))?.key ?? null
}

/**
 * What a save stores, and which types of question it may be stored on (null: any, for clearing).
 * Option ids become keys (a choice answer); anything else is stored as sent and may only land
 * on a question of its own shape, so a bare "A" can never be taken for the bank's option A.
 */
export type StoredAnswerPlan = { answer: AnswerValue; types: readonly QuestionType[] | null }

export function planStoredAnswer(attemptId: string, position: number, answer: AnswerValue): StoredAnswerPlan {
	if (answer === null) return { answer, types: null }
	if (typeof answer === 'boolean') return { answer, types: ['true_false'] }
	// Text that cannot be an id (every essay, every blank) costs no HMAC at all.
	const mayBeIds = typeof answer === 'string' ? ID_PATTERN.test(answer) : answer.length > 0 && answer.every((item) => ID_PATTERN.test(item))
	const table = mayBeIds ? idTable(attemptId, position) : []
	if (typeof answer === 'string') {
		const key = keyOf(table, answer)
		return key ? { answer: key, types: ['single'] } : { answer, types: ESSAY_TYPES }
	}
	const keys = answer.map((id) => keyOf(table, id))
	if (answer.length === 0 || keys.some((key) => key === null)) return { answer, types: ['fill_blank'] }
	const chosen = new Set(keys as string[])
	return { answer: OPTION_KEYS.filter((key) => chosen.has(key)), types: ['multiple'] }
}

/** A stored answer as the learner's page names it: keys of a choice question become option ids. */
export function paperAnswerFor(attemptId: string, position: number, type: string, stored: AnswerValue): AnswerValue {
	if (type === 'single' && typeof stored === 'string') return optionIdFor(attemptId, position, stored)
	if (type === 'multiple' && Array.isArray(stored)) return stored.map((key) => optionIdFor(attemptId, position, key))
	return stored
}
