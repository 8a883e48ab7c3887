// A refusal (or a warning) about lesson source, named by its line in the whole file
// (frontmatter included) and, when known, its column on that line.

export type LessonIssue = { line: number; column?: number; message: string }

export function formatIssue(issue: LessonIssue) {
	return issue.column ? `第${issue.line}行第${issue.column}列：${issue.message}` : `第${issue.line}行：${issue.message}`
}

/** Thrown by the compile step when its own parse disagrees with the gate's verdict. */
export class LessonRefusedError extends Error {
	constructor(readonly issue: LessonIssue) {
		super(formatIssue(issue))
		this.name = 'LessonRefusedError'
	}
}
