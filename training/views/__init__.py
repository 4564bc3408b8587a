"""The training app's web pages (issue 4): My training, the computer-generated test, uploads
and their verification, the station and organization view, sessions and arrival briefings.
Each module holds one concern; training/urls.py names them."""
