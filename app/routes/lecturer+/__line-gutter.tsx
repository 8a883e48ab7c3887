// Line numbers beside a textarea whose long lines wrap (issue 11 item 7: lecturers paste whole
// paragraphs as one line, and sideways scrolling hid most of them). A wrapped line takes
// several rows, so each number must be as tall as its line is on screen: a hidden copy of the
// text, laid out at the textarea's width with the same font and wrapping, is measured line by
// line whenever the text or the width changes (and once the fonts have loaded).
// Marks (issue 14): a refused line and each warned line are marked at their LOGICAL line, a
// refusal red with ✕, a warning amber with ▲; the mark's title is the message and a click
// moves the cursor there. The gutter stays hidden from screen readers: the same messages are
// buttons in the list below the editor.
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react'
import { cn } from '#app/utils/misc.ts'

export type GutterMark = { line: number; column?: number; message: string; severity: 'error' | 'warning' }

export function LineGutter({
	textareaRef,
	text,
	lineHeightRem,
	height,
	marks,
	onMarkClick,
	gutterRef,
}: {
	textareaRef: RefObject<HTMLTextAreaElement>
	text: string
	lineHeightRem: number
	height: string
	marks: GutterMark[]
	onMarkClick: (mark: GutterMark) => void
	gutterRef: RefObject<HTMLDivElement>
}) {
	const mirrorRef = useRef<HTMLDivElement>(null)
	const lines = text.split('\n')
	const [rowHeights, setRowHeights] = useState<number[] | null>(null)
	const [width, setWidth] = useState<number | null>(null)
	const [fontsReady, setFontsReady] = useState(false)
	// An error outranks a warning on the same line; the first message of each kind is the title.
	const markOf = new Map<number, GutterMark>()
	for (const mark of marks) {
		const held = markOf.get(mark.line)
		if (!held || (held.severity === 'warning' && mark.severity === 'error')) markOf.set(mark.line, mark)
	}

	// A passive effect: the textarea comes after this gutter in the tree, so its ref is not yet
	// attached when this component's layout effects run on mount.
	useEffect(() => {
		const textarea = textareaRef.current
		if (!textarea) return
		const observer = new ResizeObserver(() => setWidth(textarea.clientWidth))
		observer.observe(textarea)
		setWidth(textarea.clientWidth)
		void document.fonts?.ready.then(() => setFontsReady(true))
		return () => observer.disconnect()
	}, [textareaRef])

	useLayoutEffect(() => {
		const mirror = mirrorRef.current
		if (!mirror || width === null) return
		setRowHeights(Array.from(mirror.children, (child) => (child as HTMLElement).getBoundingClientRect().height))
	}, [text, width, fontsReady])

	return (
		<>
			<div ref={gutterRef} aria-hidden="true" className="select-none overflow-hidden bg-gray-50 py-2 pr-2 text-right font-mono text-xs text-gray-700" style={{ height }}>
				{lines.map((_, index) => {
					const mark = markOf.get(index + 1)
					return (
						<div
							key={index}
							style={{ height: rowHeights?.[index] ? `${rowHeights[index]}px` : `${lineHeightRem}rem`, lineHeight: `${lineHeightRem}rem` }}
							className={cn(
								'w-12 whitespace-nowrap',
								mark?.severity === 'error' && 'cursor-pointer bg-red-100 font-bold text-red-800',
								mark?.severity === 'warning' && 'cursor-pointer bg-amber-100 font-bold text-amber-900',
							)}
							data-mark={mark?.severity}
							title={mark?.message}
							onClick={mark ? () => onMarkClick(mark) : undefined}
						>
							{mark ? <span className="mr-0.5 text-[0.65rem]">{mark.severity === 'error' ? '✕' : '▲'}</span> : null}
							{index + 1}
						</div>
					)
				})}
			</div>
			{/* The measuring copy: same font, padding, wrapping and width as the textarea, never shown. */}
			<div
				ref={mirrorRef}
				aria-hidden="true"
				className="invisible pointer-events-none absolute left-0 top-0 box-border px-3 font-mono text-sm whitespace-pre-wrap break-words"
				style={{ width: width ?? undefined, lineHeight: `${lineHeightRem}rem` }}
			>
				{lines.map((line, index) => (
					// An empty line still takes one row.
					<div key={index}>{line || '\u200b'}</div>
				))}
			</div>
		</>
	)
}
