#pragma once
// Prints an HTML file to an A4 PDF with headless Chromium (its print CSS: page breaks, the
// running header and page numbers in @page margin boxes). Chromium is $HOTSPOT_CHROMIUM, else
// /usr/bin/chromium; started with posix_spawn (no shell) and a fresh profile folder.
#include <string>

namespace hotspot::report {

// The Chromium the PDF would be printed with, or "" when none is installed.
std::string find_chromium();

// Throws ConfigError naming where Chromium was looked for when it is absent.
void require_chromium();

// Throws ConfigError when Chromium is absent, OutputError when it fails or writes no PDF.
void print_pdf(const std::string& html_path, const std::string& pdf_path);

}  // namespace hotspot::report
