export function derivePostgresSchema(source: string): string
export function deriveAll(): void
