// A problem the lesson Markdown extensions found in a lecturer's text, at the line and column
// of the text the pipeline parsed (the lesson body: the caller adds the front matter's lines).
// 'warning': the lesson still renders as written (shown in the editor's gutter);
// 'error': it renders, but not as the lecturer meant (the caller may refuse it).

export type MarkdownIssue = {
	line: number
	column: number
	message: string
	severity: 'error' | 'warning'
}

type Point = { line: number; column: number }

export function issueAt(point: Point | undefined, message: string, severity: MarkdownIssue['severity'] = 'warning'): MarkdownIssue {
	return { line: point?.line ?? 1, column: point?.column ?? 1, message, severity }
}
