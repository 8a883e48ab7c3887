// The final score of a hand-graded answer from its marks (ADR 024):
//  - one marker (default): the first marker's score;
//  - second marker on: both marks are needed. When they differ by no more than the round's
//    discrepancy threshold (no threshold: any difference), the final score is their mean,
//    rounded to hundredths; when they differ by more, an arbitrator's mark (marker 3) is final.
import { roundScore } from './objective.ts'

export type MarkerNo = 1 | 2 | 3
export type Mark = { markerNo: number; score: number; graderId: string }
export type MarkingSettings = { secondMarkerEnabled: boolean; discrepancyThreshold: number | null }

export type EssayStage =
	| { stage: 'first' }
	| { stage: 'second' }
	| { stage: 'arbitration'; difference: number }
	| { stage: 'final'; score: number; by: 'single' | 'mean' | 'arbitration' }

export function markersDisagree(first: number, second: number, threshold: number | null) {
	return threshold !== null && roundScore(Math.abs(first - second)) > threshold
}

export function essayStage(marks: readonly Mark[], settings: MarkingSettings): EssayStage {
	const byNo = new Map(marks.map((mark) => [mark.markerNo, mark.score]))
	const first = byNo.get(1)
	if (first === undefined) return { stage: 'first' }
	if (!settings.secondMarkerEnabled) return { stage: 'final', score: roundScore(first), by: 'single' }
	const second = byNo.get(2)
	if (second === undefined) return { stage: 'second' }
	if (markersDisagree(first, second, settings.discrepancyThreshold)) {
		const arbitration = byNo.get(3)
		if (arbitration === undefined) return { stage: 'arbitration', difference: roundScore(Math.abs(first - second)) }
		return { stage: 'final', score: roundScore(arbitration), by: 'arbitration' }
	}
	return { stage: 'final', score: roundScore((first + second) / 2), by: 'mean' }
}

export const STAGE_LABELS: Record<EssayStage['stage'], string> = {
	first: '待初评',
	second: '待复评',
	arbitration: '待仲裁',
	final: '已定分',
}

/**
 * Which marker a grader would be on this answer: their existing mark, else the open stage —
 * as long as they are not already one of the other markers (blind, independent marking).
 */
export function markerSlotFor(
	marks: readonly Mark[],
	settings: MarkingSettings,
	graderId: string,
): { ok: true; markerNo: MarkerNo; existing: boolean } | { ok: false; reason: string } {
	const own = marks.find((mark) => mark.graderId === graderId)
	if (own) return { ok: true, markerNo: own.markerNo as MarkerNo, existing: true }
	const stage = essayStage(marks, settings)
	switch (stage.stage) {
		case 'first':
			return { ok: true, markerNo: 1, existing: false }
		case 'second':
			return { ok: true, markerNo: 2, existing: false }
		case 'arbitration':
			return { ok: true, markerNo: 3, existing: false }
		case 'final':
			return { ok: false, reason: '该答案已定分，无需再评' }
	}
}
