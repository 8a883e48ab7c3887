// Line numbers beside a textarea whose long lines wrap (issue 11 item 7: lecturers paste whole
// paragraphs as one line, and sideways scrolling hid most of them). A wrapped line takes
// several rows, so each number must be as tall as its line is on screen: a hidden copy of the
// text, laid out at the textarea's width with the same font and wrapping, is measured line by
// line whenever the text or the width changes.
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react'
import { cn } from '#app/utils/misc.ts'

export function LineGutter({
	textareaRef,
	text,
	lineHeightRem,
	height,
	markedLine,
	gutterRef,
}: {
	textareaRef: RefObject<HTMLTextAreaElement>
	text: string
	lineHeightRem: number
	height: string
	markedLine: number | null
	gutterRef: RefObject<HTMLDivElement>
}) {
	const mirrorRef = useRef<HTMLDivElement>(null)
	const lines = text.split('\n')
	const [rowHeights, setRowHeights] = useState<number[] | null>(null)
	const [width, setWidth] = useState<number | null>(null)

	// A passive effect: the textarea comes after this gutter in the tree, so its ref is not yet
	// attached when this component's layout effects run on mount.
	useEffect(() => {
		const textarea = textareaRef.current
		if (!textarea) return
		const observer = new ResizeObserver(() => setWidth(textarea.clientWidth))
		observer.observe(textarea)
		setWidth(textarea.clientWidth)
		return () => observer.disconnect()
	}, [textareaRef])

	useLayoutEffect(() => {
		const mirror = mirrorRef.current
		if (!mirror || width === null) return
		setRowHeights(Array.from(mirror.children, (child) => (child as HTMLElement).getBoundingClientRect().height))
	}, [text, width])

	return (
		<>
			<div ref={gutterRef} aria-hidden="true" className="select-none overflow-hidden bg-gray-50 py-2 pr-2 text-right font-mono text-xs text-gray-700" style={{ height }}>
				{lines.map((_, index) => (
					<div
						key={index}
						style={{ height: rowHeights?.[index] ? `${rowHeights[index]}px` : `${lineHeightRem}rem`, lineHeight: `${lineHeightRem}rem` }}
						className={cn('w-10', markedLine === index + 1 && 'bg-red-100 font-bold text-red-700')}
					>
						{index + 1}
					</div>
				))}
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
