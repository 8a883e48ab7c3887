// The grading queue's views; isomorphic so the queue page can list them.
export const QUEUE_VIEWS = ['todo', 'mine', 'all'] as const
export type QueueView = (typeof QUEUE_VIEWS)[number]

export const QUEUE_VIEW_LABELS: Record<QueueView, string> = { todo: '待我评阅', mine: '我已评阅', all: '全部答卷' }
