"""HTML is an output like feeds and calendars: the pipeline renders every generated page's content."""
