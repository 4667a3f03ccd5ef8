-- whether an assistant's model takes images as input: photos users send are given to it as images
ALTER TABLE assistants ADD COLUMN accepts_images BOOLEAN NOT NULL DEFAULT FALSE;
