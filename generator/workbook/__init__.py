"""Records in Excel: export the record files to a workbook, take the filled workbook back into data/."""
