"""The text PDFium (the reader inside Chrome and Edge) finds on each page of a PDF,
pages separated by a form feed.

    python3 tests/readers/pdfium.py file.pdf
"""
import sys

import pypdfium2

document = pypdfium2.PdfDocument(sys.argv[1])
pages = [page.get_textpage().get_text_range() for page in document]
sys.stdout.write("\f".join(pages))
