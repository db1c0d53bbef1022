import { createI18n } from "vue-i18n";
import en from "@/locales/en.json";
import vi from "@/locales/vi.json";

export type MessageSchema = typeof vi;

/** Vietnamese first; English is a toggle (the `lang=en` URL parameter). */
export function createAppI18n() {
  return createI18n<[MessageSchema], "vi" | "en">({
    legacy: false,
    locale: "vi",
    fallbackLocale: "vi",
    messages: { vi, en },
  });
}
