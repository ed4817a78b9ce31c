import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "wxopen", template: "%s · wxopen" },
  description: "Console for a WeChat Open Platform third-party platform",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
