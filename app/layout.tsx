import type { Metadata } from "next";
import { getLocale } from "@/lib/i18n/get-locale";
import { htmlLang } from "@/lib/i18n/locale";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "wxopen", template: "%s · wxopen" },
  description: "Console for a WeChat Open Platform third-party platform",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const { locale } = await getLocale();
  return (
    <html lang={htmlLang(locale)}>
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
