import { describe, expect, test } from 'vitest'
import { essayStage, markerSlotFor, type Mark } from './final-score.ts'

const single = { secondMarkerEnabled: false, discrepancyThreshold: null }
const double = { secondMarkerEnabled: true, discrepancyThreshold: 3 }
const m = (markerNo: number, score: number, graderId = `g${markerNo}`): Mark => ({ markerNo, score, graderId })

describe('essayStage', () => {
	test('single marker: the first mark is final', () => {
		expect(essayStage([], single)).toEqual({ stage: 'first' })
		expect(essayStage([m(1, 7.5)], single)).toEqual({ stage: 'final', score: 7.5, by: 'single' })
	})

	test('second marker: waits for both, then the mean when within the threshold', () => {
		expect(essayStage([m(1, 8)], double)).toEqual({ stage: 'second' })
		expect(essayStage([m(1, 8), m(2, 6)], double)).toEqual({ stage: 'final', score: 7, by: 'mean' })
		expect(essayStage([m(1, 8), m(2, 5)], double)).toEqual({ stage: 'final', score: 6.5, by: 'mean' })
		expect(essayStage([m(1, 7), m(2, 6.5)], double)).toEqual({ stage: 'final', score: 6.75, by: 'mean' })
	})

	test('second marker: a difference above the threshold goes to arbitration, whose mark is final', () => {
		expect(essayStage([m(1, 9), m(2, 5.5)], double)).toEqual({ stage: 'arbitration', difference: 3.5 })
		expect(essayStage([m(1, 9), m(2, 5.5), m(3, 8)], double)).toEqual({ stage: 'final', score: 8, by: 'arbitration' })
	})

	test('an arbitration mark left from before is ignored once the markers agree again', () => {
		expect(essayStage([m(1, 6), m(2, 5.5), m(3, 9)], double)).toEqual({ stage: 'final', score: 5.75, by: 'mean' })
	})

	test('no threshold set: two markers are always averaged', () => {
		expect(essayStage([m(1, 10), m(2, 0)], { secondMarkerEnabled: true, discrepancyThreshold: null })).toEqual({ stage: 'final', score: 5, by: 'mean' })
	})

	test('a threshold of zero sends any difference to arbitration', () => {
		const strict = { secondMarkerEnabled: true, discrepancyThreshold: 0 }
		expect(essayStage([m(1, 6), m(2, 6)], strict)).toEqual({ stage: 'final', score: 6, by: 'mean' })
		expect(essayStage([m(1, 6), m(2, 6.5)], strict)).toEqual({ stage: 'arbitration', difference: 0.5 })
	})
})

describe('markerSlotFor', () => {
	test('a grader keeps their own slot and re-marks in it', () => {
		expect(markerSlotFor([m(1, 5, 'ann')], double, 'ann')).toEqual({ ok: true, markerNo: 1, existing: true })
	})

	test('a new grader takes the open stage', () => {
		expect(markerSlotFor([], double, 'ann')).toEqual({ ok: true, markerNo: 1, existing: false })
		expect(markerSlotFor([m(1, 5, 'ann')], double, 'bob')).toEqual({ ok: true, markerNo: 2, existing: false })
		expect(markerSlotFor([m(1, 9, 'ann'), m(2, 2, 'bob')], double, 'cat')).toEqual({ ok: true, markerNo: 3, existing: false })
	})

	test('nothing to do once final', () => {
		expect(markerSlotFor([m(1, 5, 'ann')], single, 'bob')).toEqual({ ok: false, reason: '该答案已定分，无需再评' })
		expect(markerSlotFor([m(1, 5, 'ann'), m(2, 5, 'bob')], double, 'cat')).toEqual({ ok: false, reason: '该答案已定分，无需再评' })
	})
})
