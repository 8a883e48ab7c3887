// Two versions of a lesson side by side: a line diff (jsdiff's Myers diff over the lines),
// aligned so a changed line sits beside the line it replaced, with the changed characters of
// such a pair marked. Unchanged stretches can be folded to a few lines of context.
import { diffArrays, diffChars } from 'diff'

export type DiffSegment = { text: string; changed: boolean }
export type DiffSide = { number: number; text: string; segments?: DiffSegment[] }
export type DiffRow =
	| { kind: 'same'; left: DiffSide; right: DiffSide }
	| { kind: 'removed'; left: DiffSide; right: null }
	| { kind: 'added'; left: null; right: DiffSide }
	| { kind: 'changed'; left: DiffSide; right: DiffSide }
export type FoldedRow = DiffRow | { kind: 'skipped'; count: number; leftFrom: number; rightFrom: number }
export type LessonDiff = { rows: DiffRow[]; added: number; removed: number; changed: number }

type LinePart = { value: string[]; added: boolean; removed: boolean }

/** The line diff: common first and last lines, and between them the diff of the middle. */
function lineParts(oldLines: string[], newLines: string[]): LinePart[] {
	let head = 0
	while (head < oldLines.length && head < newLines.length && oldLines[head] === newLines[head]) head += 1
	let tail = 0
	while (tail < oldLines.length - head && tail < newLines.length - head && oldLines[oldLines.length - 1 - tail] === newLines[newLines.length - 1 - tail]) tail += 1
	const oldMiddle = oldLines.slice(head, oldLines.length - tail)
	const newMiddle = newLines.slice(head, newLines.length - tail)
	return [
		{ value: oldLines.slice(0, head), added: false, removed: false },
		...middleParts(oldMiddle, newMiddle),
		{ value: oldLines.slice(oldLines.length - tail), added: false, removed: false },
	]
}

/**
 * A line found on one side only is removed or added whatever the rest does, so the shortest
 * edit script is searched among the lines both sides have (as GNU diff discards unmatched
 * lines): the search then stays small even when most lines changed. The lines left out are
 * put back between the common lines they sat between.
 */
function middleParts(oldMiddle: string[], newMiddle: string[]): LinePart[] {
	const inNew = new Set(newMiddle)
	const inOld = new Set(oldMiddle)
	const oldKept = oldMiddle.flatMap((line, index) => (inNew.has(line) ? [index] : []))
	const newKept = newMiddle.flatMap((line, index) => (inOld.has(line) ? [index] : []))
	const found = diffArrays(
		oldKept.map((index) => oldMiddle[index]!),
		newKept.map((index) => newMiddle[index]!),
		{ maxEditLength: MAX_EDIT_LENGTH, timeout: DIFF_TIMEOUT_MS },
	)
	// Pairs of (old index, new index) of the lines kept as unchanged.
	const anchors: [number, number][] = []
	if (found) {
		let a = 0
		let b = 0
		for (const part of found) {
			if (part.added) b += part.value.length
			else if (part.removed) a += part.value.length
			else for (let k = 0; k < part.value.length; k += 1) anchors.push([oldKept[a++]!, newKept[b++]!])
		}
	}
	const parts: LinePart[] = []
	let oldAt = 0
	let newAt = 0
	for (const [oldIndex, newIndex] of [...anchors, [oldMiddle.length, newMiddle.length] as [number, number]]) {
		if (oldIndex > oldAt) parts.push({ value: oldMiddle.slice(oldAt, oldIndex), removed: true, added: false })
		if (newIndex > newAt) parts.push({ value: newMiddle.slice(newAt, newIndex), removed: false, added: true })
		if (oldIndex < oldMiddle.length) parts.push({ value: [oldMiddle[oldIndex]!], removed: false, added: false })
		oldAt = oldIndex + 1
		newAt = newIndex + 1
	}
	return parts
}

/** Lines longer than this are marked whole rather than character by character. */
const SEGMENT_LIMIT = 2_000
/** Past this many edits, a line diff stops looking for the shortest script (the two texts share little). */
const MAX_EDIT_LENGTH = 20_000
/** …or after this long (then the differing middle is shown replaced line by line): the page must answer promptly whatever two versions are chosen. */
const DIFF_TIMEOUT_MS = 500

function linesOf(text: string) {
	const lines = text.replace(/\r\n?/g, '\n').split('\n')
	if (lines.length > 1 && lines.at(-1) === '') lines.pop()
	return lines
}

function segmentsOf(before: string, after: string): [DiffSegment[], DiffSegment[]] | null {
	if (before.length > SEGMENT_LIMIT || after.length > SEGMENT_LIMIT) return null
	const left: DiffSegment[] = []
	const right: DiffSegment[] = []
	for (const part of diffChars(before, after)) {
		if (!part.added) left.push({ text: part.value, changed: part.removed })
		if (!part.removed) right.push({ text: part.value, changed: part.added })
	}
	return [left, right]
}

export function diffLessonSources(before: string, after: string): LessonDiff {
	const oldLines = linesOf(before)
	const newLines = linesOf(after)
	const parts = lineParts(oldLines, newLines)
	const rows: DiffRow[] = []
	let leftNumber = 1
	let rightNumber = 1
	let removed: string[] = []
	const counts = { added: 0, removed: 0, changed: 0 }

	const flushRemoved = (added: string[]) => {
		const paired = Math.min(removed.length, added.length)
		for (let index = 0; index < Math.max(removed.length, added.length); index += 1) {
			const oldText = removed[index]
			const newText = added[index]
			if (index < paired) {
				const segments = segmentsOf(oldText!, newText!)
				rows.push({
					kind: 'changed',
					left: { number: leftNumber++, text: oldText!, ...(segments && { segments: segments[0] }) },
					right: { number: rightNumber++, text: newText!, ...(segments && { segments: segments[1] }) },
				})
				counts.changed += 1
			} else if (oldText !== undefined) {
				rows.push({ kind: 'removed', left: { number: leftNumber++, text: oldText }, right: null })
				counts.removed += 1
			} else {
				rows.push({ kind: 'added', left: null, right: { number: rightNumber++, text: newText! } })
				counts.added += 1
			}
		}
		removed = []
	}

	for (const part of parts) {
		if (part.removed) {
			removed.push(...part.value)
		} else if (part.added) {
			flushRemoved(part.value)
		} else {
			flushRemoved([])
			for (const line of part.value) rows.push({ kind: 'same', left: { number: leftNumber++, text: line }, right: { number: rightNumber++, text: line } })
		}
	}
	flushRemoved([])
	return { rows, ...counts }
}

/** Keeps `context` unchanged lines around each change and folds longer unchanged stretches into one row. */
export function foldUnchanged(rows: DiffRow[], context = 3): FoldedRow[] {
	const keep = rows.map(() => false)
	rows.forEach((row, index) => {
		if (row.kind === 'same') return
		for (let near = Math.max(0, index - context); near <= Math.min(rows.length - 1, index + context); near += 1) keep[near] = true
	})
	const folded: FoldedRow[] = []
	for (let index = 0; index < rows.length; ) {
		if (keep[index]) {
			folded.push(rows[index]!)
			index += 1
			continue
		}
		let end = index
		while (end < rows.length && !keep[end]) end += 1
		const first = rows[index]!
		// Folding a single line saves nothing.
		if (end - index === 1) folded.push(first)
		else folded.push({ kind: 'skipped', count: end - index, leftFrom: first.left!.number, rightFrom: first.right!.number })
		index = end
	}
	return folded
}
