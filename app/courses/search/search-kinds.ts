// What search returns, shared by the server and the pages that draw results.

export const SEARCH_KINDS = ['course', 'lesson', 'problem'] as const
export type SearchKind = (typeof SEARCH_KINDS)[number]
export const SEARCH_KIND_LABELS: Record<SearchKind, string> = { course: '课程', lesson: '课时', problem: '共性问题' }

/** A run of text and whether it matched a search term; pages wrap matches in <mark>. */
export type Segment = { text: string; match: boolean }
