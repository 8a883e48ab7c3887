// A refusal of lesson source, named by its line in the whole file (frontmatter included).

export type LessonIssue = { line: number; message: string }

export function formatIssue(issue: LessonIssue) {
	return `第${issue.line}行：${issue.message}`
}

/** Thrown by the compile step when its own parse disagrees with the sanitizer's verdict. */
export class LessonRefusedError extends Error {
	constructor(readonly issue: LessonIssue) {
		super(formatIssue(issue))
		this.name = 'LessonRefusedError'
	}
}
