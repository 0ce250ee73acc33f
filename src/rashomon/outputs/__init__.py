"""What an analysis is written as: analysis.json, Markdown/CSV, the HTML report, the viewer."""
