// Saving a draft round whose times have gone by warns the admin (issue 11 item 7).
import { describe, expect, test } from 'vitest'
import { chinaDateTime } from '#app/exams/timing/china-time.ts'
import { pastDateWarnings } from './round-admin.ts'

const now = chinaDateTime(2026, 12, 1, 10, 0)
const draft = (opensAt: Date, closesAt: Date, reviewOpensAt: Date | null = null) => ({ status: 'draft', opensAt, closesAt, reviewOpensAt })

describe('pastDateWarnings', () => {
	test('a draft in the future gets no warning', () => {
		expect(pastDateWarnings(draft(chinaDateTime(2026, 12, 2), chinaDateTime(2026, 12, 3)), now)).toEqual([])
	})

	test('a draft that has already opened would open at once when published', () => {
		expect(pastDateWarnings(draft(chinaDateTime(2026, 11, 30, 9, 0), chinaDateTime(2026, 12, 3)), now)).toEqual(['开始时间 2026-11-30 09:00 已经过去：发布后考试立即开放。'])
	})

	test('a draft that has already closed could never be answered; a past review time would show answers at once', () => {
		expect(pastDateWarnings(draft(chinaDateTime(2025, 12, 1), chinaDateTime(2025, 12, 2, 17, 0), chinaDateTime(2025, 12, 3)), now)).toEqual([
			'截止时间 2025-12-02 17:00 已经过去：发布后考生将无法作答，请先修改截止时间。',
			'复盘开放时间 2025-12-03 00:00 已经过去：考试结束后答案与解析将立即公布。',
		])
	})

	test('a published round is not warned about: its times passing is normal', () => {
		expect(pastDateWarnings({ ...draft(chinaDateTime(2025, 12, 1), chinaDateTime(2025, 12, 2)), status: 'published' }, now)).toEqual([])
	})
})
