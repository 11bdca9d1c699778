import { z } from "zod";

/** Value rules more than one key table uses (keys.ts, monitorKeys.ts); each message says what is expected. */
export const positive = z.number().positive("expected a number greater than 0");
export const bool = z.boolean({ error: "expected true or false" });
