// zod's own messages in Chinese. A schema that names its message (most do) is unchanged; one
// that does not (an unknown intent in a discriminated union, a wrong type, a missing field)
// would otherwise answer a person in English ("Invalid discriminator value …"), which the
// security suite's fuzz found on several actions. Loaded for its effect: by auth.server.ts,
// which every loader and action calls first, and by root.tsx for the browser's conform checks.
import { z } from 'zod'

z.config(z.locales.zhCN())
